// The unpacked size of a ZIP, found by unpacking with a ceiling: declared sizes are not trusted.
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { unpackedZipSize, ZipSizeError } from './zip-size';

/** A one-entry ZIP that declares `declared` as the entry's unpacked size, whatever it holds. */
function zipOf(content: Buffer, declared: number, method: 0 | 8 = 8): Buffer {
  const data = method === 8 ? deflateRawSync(content) : content;
  const name = Buffer.from('a.xml');
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(method, 8);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(declared, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(method, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(declared, 24);
  central.writeUInt16LE(name.length, 28);
  const centralAt = local.length + name.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(centralAt, 16);
  return Buffer.concat([local, name, data, central, name, end]);
}

const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof ZipSizeError) return { message: e.message, tooLarge: e.tooLarge };
    throw e;
  }
  return undefined;
};

describe('unpackedZipSize', () => {
  it('counts what the entries unpack to, deflated or stored', () => {
    expect(unpackedZipSize(zipOf(Buffer.alloc(5000, 32), 5000), 10_000)).toBe(5000);
    expect(unpackedZipSize(zipOf(Buffer.alloc(5000, 32), 5000, 0), 10_000)).toBe(5000);
    expect(unpackedZipSize(zipOf(Buffer.alloc(10_000, 32), 10_000), 10_000)).toBe(10_000);
  });

  it('refuses an entry that unpacks past the limit even when it declares a small size', () => {
    const lying = zipOf(Buffer.alloc(1024 * 1024, 32), 10);
    expect(refusal(() => unpackedZipSize(lying, 64 * 1024))).toEqual({
      message: 'it unpacks to more than 0.0625 MiB',
      tooLarge: true,
    });
    expect(refusal(() => unpackedZipSize(zipOf(Buffer.alloc(10_001, 32), 10_001, 0), 10_000))).toMatchObject({
      tooLarge: true,
    });
  });

  it('says what it cannot read, apart from what is too large', () => {
    expect(refusal(() => unpackedZipSize(Buffer.from('hola'), 1000))).toEqual({
      message: 'it is not a ZIP file',
      tooLarge: false,
    });
    const cut = zipOf(Buffer.alloc(5000, 32), 5000);
    cut.writeUInt32LE(cut.length, cut.length - 6);
    expect(refusal(() => unpackedZipSize(cut, 10_000))).toEqual({
      message: 'entry 1 of its directory cannot be read',
      tooLarge: false,
    });
  });
});
