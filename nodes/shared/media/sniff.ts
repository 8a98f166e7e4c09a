/** What a file really is, from its first bytes: the MIME type a user typed is often wrong. */

export type SniffedKind = 'jpeg' | 'png' | 'gif' | 'bmp' | 'amr' | 'mp3' | 'mp4' | 'unknown';

export function sniff(data: Buffer): SniffedKind {
	if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'jpeg';
	if (data.length >= 8 && data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
		return 'png';
	if (data.length >= 6 && /^GIF8[79]a$/.test(data.subarray(0, 6).toString('latin1'))) return 'gif';
	if (data.length >= 2 && data[0] === 0x42 && data[1] === 0x4d) return 'bmp';
	if (data.length >= 6 && data.subarray(0, 6).toString('latin1') === '#!AMR\n') return 'amr';
	if (
		data.length >= 3 &&
		(data.subarray(0, 3).toString('latin1') === 'ID3' || (data[0] === 0xff && (data[1] & 0xe0) === 0xe0))
	)
		return 'mp3';
	if (data.length >= 12 && data.subarray(4, 8).toString('latin1') === 'ftyp') return 'mp4';
	return 'unknown';
}
