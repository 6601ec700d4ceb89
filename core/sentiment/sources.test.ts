import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { readCalibration } from './sources';

describe('readCalibration', () => {
	let folder: string;
	beforeAll(async () => {
		folder = await mkdtemp(join(tmpdir(), 'sentiment-calibration-'));
	});
	afterAll(async () => {
		await rm(folder, { recursive: true, force: true });
	});

	it('reads the neutral band of a model folder', async () => {
		await writeFile(join(folder, 'sentiment.json'), JSON.stringify({ neutralBand: 0.12 }));
		expect(await readCalibration(folder)).toEqual({ neutralBand: 0.12 });
	});

	it('names the file when it is missing, not JSON, or has no usable band', async () => {
		await expect(readCalibration(join(folder, 'absent'))).rejects.toThrow(/absent\/sentiment\.json: cannot read the sentiment calibration \(ENOENT/);
		await writeFile(join(folder, 'sentiment.json'), '{ nope');
		await expect(readCalibration(folder)).rejects.toThrow(/sentiment\.json: cannot read the sentiment calibration \(/);
		await writeFile(join(folder, 'sentiment.json'), JSON.stringify({ neutralBand: 1.5 }));
		await expect(readCalibration(folder)).rejects.toThrow(/sentiment\.json: "neutralBand" must be a number from 0 to below 1/);
	});
});
