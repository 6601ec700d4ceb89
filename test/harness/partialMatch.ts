/**
 * Partial deep matching for expected workflow outputs written in JSON.
 *
 * - Objects: every expected key must match; keys the expectation leaves out are ignored.
 * - Arrays (branches, items, JSON arrays): same length, matched element by element.
 * - Other values: strict equality.
 * - Markers, objects whose keys start with `$`, loosen a value:
 *   `{"$type": "number"}` (string | number | boolean | object | array | null),
 *   `{"$approx": 0.9, "$tolerance": 0.05}` (tolerance defaults to 1e-9),
 *   `{"$range": [0, 1]}` (inclusive), `{"$regex": "^Stamp"}` (strings),
 *   `{"$absent": true}` (the key must be missing; for a node: the node must not run).
 */
export function findMismatches(actual: unknown, expected: unknown, path = ''): string[] {
	if (isMarker(expected)) return matchMarker(actual, expected, path);
	if (Array.isArray(expected)) {
		if (!Array.isArray(actual)) return [`${at(path)}expected an array, got ${show(actual)}`];
		if (actual.length !== expected.length) {
			return [`${at(path)}expected ${expected.length} element(s), got ${actual.length}: ${show(actual)}`];
		}
		return expected.flatMap((element, index) => findMismatches(actual[index], element, `${path}[${index}]`));
	}
	if (isPlainObject(expected)) {
		if (!isPlainObject(actual)) return [`${at(path)}expected an object, got ${show(actual)}`];
		return Object.entries(expected).flatMap(([key, value]) => {
			const keyPath = path === '' ? key : `${path}.${key}`;
			if (isMarker(value) && '$absent' in value) {
				return key in actual ? [`${at(keyPath)}expected no value, got ${show(actual[key])}`] : [];
			}
			if (!(key in actual)) return [`${at(keyPath)}missing (expected ${show(value)})`];
			return findMismatches(actual[key], value, keyPath);
		});
	}
	return actual === expected ? [] : [`${at(path)}expected ${show(expected)}, got ${show(actual)}`];
}

type Marker = Record<`$${string}`, unknown>;

const MARKER_KEYS = new Set(['$type', '$approx', '$tolerance', '$range', '$regex', '$absent']);

function isMarker(value: unknown): value is Marker {
	return isPlainObject(value) && Object.keys(value).some((key) => key.startsWith('$'));
}

function matchMarker(actual: unknown, marker: Marker, path: string): string[] {
	const unknownKeys = Object.keys(marker).filter((key) => !MARKER_KEYS.has(key));
	if (unknownKeys.length > 0) return [`${at(path)}unknown marker key(s) ${unknownKeys.join(', ')}`];
	const problems: string[] = [];
	if ('$type' in marker && typeName(actual) !== marker.$type) {
		problems.push(`${at(path)}expected a value of type ${String(marker.$type)}, got ${show(actual)}`);
	}
	if ('$approx' in marker) {
		const tolerance = typeof marker.$tolerance === 'number' ? marker.$tolerance : 1e-9;
		const target = Number(marker.$approx);
		if (typeof actual !== 'number' || !(Math.abs(actual - target) <= tolerance)) {
			problems.push(`${at(path)}expected ${target} ± ${tolerance}, got ${show(actual)}`);
		}
	}
	if ('$range' in marker) {
		const [min, max] = marker.$range as [number, number];
		if (typeof actual !== 'number' || !(actual >= min && actual <= max)) {
			problems.push(`${at(path)}expected a number in [${min}, ${max}], got ${show(actual)}`);
		}
	}
	if ('$regex' in marker && (typeof actual !== 'string' || !new RegExp(String(marker.$regex)).test(actual))) {
		problems.push(`${at(path)}expected a string matching /${String(marker.$regex)}/, got ${show(actual)}`);
	}
	if ('$absent' in marker && actual !== undefined) problems.push(`${at(path)}expected no value, got ${show(actual)}`);
	return problems;
}

function typeName(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'array';
	return typeof value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function at(path: string): string {
	return path === '' ? '' : `${path}: `;
}

function show(value: unknown): string {
	const text = JSON.stringify(value) ?? String(value);
	return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
