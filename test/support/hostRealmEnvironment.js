// Jest runs each test file in its own vm context, so `new Float32Array()` in a test is not an
// instance of the host's Float32Array. onnxruntime-node's native binding checks tensors against the
// host realm's constructors ("A float32 tensor's data must be type of function Float32Array()").
// This environment hands the test context the host's typed-array constructors.
const { TestEnvironment } = require('jest-environment-node');

const HOST_TYPED_ARRAYS = [
	'ArrayBuffer', 'SharedArrayBuffer', 'DataView', 'Int8Array', 'Uint8Array', 'Uint8ClampedArray',
	'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array', 'Float16Array', 'Float32Array', 'Float64Array',
	'BigInt64Array', 'BigUint64Array',
];

class HostRealmEnvironment extends TestEnvironment {
	constructor(config, context) {
		super(config, context);
		for (const name of HOST_TYPED_ARRAYS) {
			if (globalThis[name] !== undefined) this.global[name] = globalThis[name];
		}
		this.global.Buffer = Buffer;
	}
}

module.exports = HostRealmEnvironment;
