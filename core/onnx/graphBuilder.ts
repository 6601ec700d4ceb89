import { onnx } from 'onnx-proto';

type TypedTensorData = Float32Array | Int32Array | Int8Array | Uint16Array | BigInt64Array;

/** ONNX element types this writer emits. */
export const ElementType = {
	float: onnx.TensorProto.DataType.FLOAT,
	int8: onnx.TensorProto.DataType.INT8,
	uint16: onnx.TensorProto.DataType.UINT16,
	int32: onnx.TensorProto.DataType.INT32,
	int64: onnx.TensorProto.DataType.INT64,
} as const;
export type ElementType = (typeof ElementType)[keyof typeof ElementType];

function elementTypeOf(data: TypedTensorData): ElementType {
	if (data instanceof Float32Array) return ElementType.float;
	if (data instanceof Int32Array) return ElementType.int32;
	if (data instanceof Int8Array) return ElementType.int8;
	if (data instanceof Uint16Array) return ElementType.uint16;
	return ElementType.int64;
}

/** Raw bytes of a typed array; ONNX raw_data is little-endian, as every onnxruntime platform is. */
function rawBytes(data: TypedTensorData): Uint8Array {
	return new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
}

/** Integers become INT attributes, arrays INTS, strings STRING. */
export type AttributeValue = number | number[] | string;

/** A dimension: a fixed size or a symbolic name such as "batch". */
export type Dimension = number | string;

/** Collects the inputs, initializers, nodes and outputs of one ONNX graph and serializes the model. */
export class GraphBuilder {
	private readonly inputs: onnx.IValueInfoProto[] = [];
	private readonly outputs: onnx.IValueInfoProto[] = [];
	private readonly initializers: onnx.ITensorProto[] = [];
	private readonly nodes: onnx.INodeProto[] = [];

	constructor(private readonly name: string) {}

	input(name: string, type: ElementType, shape: Dimension[]): string {
		this.inputs.push(valueInfo(name, type, shape));
		return name;
	}

	output(name: string, type: ElementType, shape: Dimension[]): string {
		this.outputs.push(valueInfo(name, type, shape));
		return name;
	}

	/** A constant tensor stored in the file. */
	initializer(name: string, data: TypedTensorData, dims: number[]): string {
		const size = dims.reduce((product, dim) => product * dim, 1);
		if (size !== data.length) throw new Error(`initializer ${name}: ${data.length} values for shape [${dims.join(', ')}]`);
		this.initializers.push({ name, dims, dataType: elementTypeOf(data), rawData: rawBytes(data) });
		return name;
	}

	/** Adds a node; returns its first output's name, so that nodes chain. */
	node(opType: string, inputs: string[], outputs: string[], attributes: Record<string, AttributeValue> = {}): string {
		this.nodes.push({
			opType,
			name: `${opType}_${this.nodes.length}`,
			input: inputs,
			output: outputs,
			attribute: Object.entries(attributes).map(([name, value]) => attribute(name, value)),
		});
		return outputs[0];
	}

	/** Serialized ModelProto. */
	toBytes(options: { opset: number; producerName: string; producerVersion: string; metadata: Record<string, string> }): Uint8Array {
		const model = onnx.ModelProto.create({
			irVersion: 8,
			opsetImport: [{ domain: '', version: options.opset }],
			producerName: options.producerName,
			producerVersion: options.producerVersion,
			graph: {
				name: this.name,
				input: this.inputs,
				output: this.outputs,
				initializer: this.initializers,
				node: this.nodes,
			},
			metadataProps: Object.entries(options.metadata).map(([key, value]) => ({ key, value })),
		});
		// A copy with its own ArrayBuffer (protobufjs may hand out a view), so it can be transferred.
		return new Uint8Array(onnx.ModelProto.encode(model).finish());
	}
}

function valueInfo(name: string, type: ElementType, shape: Dimension[]): onnx.IValueInfoProto {
	return {
		name,
		type: {
			tensorType: {
				elemType: type,
				shape: { dim: shape.map((dim) => (typeof dim === 'number' ? { dimValue: dim } : { dimParam: dim })) },
			},
		},
	};
}

function attribute(name: string, value: AttributeValue): onnx.IAttributeProto {
	const { AttributeType } = onnx.AttributeProto;
	if (typeof value === 'string') return { name, type: AttributeType.STRING, s: new TextEncoder().encode(value) };
	if (Array.isArray(value)) return { name, type: AttributeType.INTS, ints: value };
	// Every numeric attribute this writer emits (axis, to, keepdims, transB) is an integer.
	return { name, type: AttributeType.INT, i: value };
}
