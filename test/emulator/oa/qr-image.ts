import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';

/**
 * A picture that looks like a QR code for a ticket: finder squares in three corners and modules from the
 * ticket's hash, as a greyscale PNG. It is not a scannable code (nothing here needs one); it only has to be a
 * real image a workflow can pass on. WeChat's showqrcode answers a JPEG; clients must go by Content-Type.
 */
const MODULES = 25;
const SCALE = 8;
const QUIET = 2;

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
	let c = n;
	for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	return c >>> 0;
});

function crc32(data: Buffer): number {
	let crc = 0xffffffff;
	for (const byte of data) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
	return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
	const length = Buffer.alloc(4);
	length.writeUInt32BE(data.length);
	const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(typed));
	return Buffer.concat([length, typed, crc]);
}

function dark(row: number, col: number, bits: Buffer): boolean {
	for (const [top, left] of [
		[0, 0],
		[0, MODULES - 7],
		[MODULES - 7, 0],
	]) {
		const r = row - top;
		const c = col - left;
		if (r >= 0 && r < 7 && c >= 0 && c < 7)
			return r === 0 || r === 6 || c === 0 || c === 6 || (r >= 2 && r <= 4 && c >= 2 && c <= 4);
		if (r >= -1 && r <= 7 && c >= -1 && c <= 7) return false;
	}
	const index = row * MODULES + col;
	return ((bits[(index >> 3) % bits.length] >> (index & 7)) & 1) === 1;
}

export function qrImage(ticket: string): Buffer {
	const bits = Buffer.concat([
		createHash('sha256').update(ticket).digest(),
		createHash('sha256').update(`${ticket}#`).digest(),
	]);
	const size = (MODULES + 2 * QUIET) * SCALE;
	const raw = Buffer.alloc(size * (size + 1), 0xff);
	for (let y = 0; y < size; y++) {
		raw[y * (size + 1)] = 0; // filter: none
		for (let x = 0; x < size; x++) {
			const row = Math.floor(y / SCALE) - QUIET;
			const col = Math.floor(x / SCALE) - QUIET;
			if (row >= 0 && row < MODULES && col >= 0 && col < MODULES && dark(row, col, bits))
				raw[y * (size + 1) + 1 + x] = 0;
		}
	}
	const header = Buffer.alloc(13);
	header.writeUInt32BE(size, 0);
	header.writeUInt32BE(size, 4);
	header[8] = 8; // bit depth
	header[9] = 0; // greyscale
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', header),
		chunk('IDAT', deflateSync(raw)),
		chunk('IEND', Buffer.alloc(0)),
	]);
}
