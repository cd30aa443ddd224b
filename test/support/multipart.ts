import { randomBytes } from "node:crypto";

/** A multipart/form-data body with files in the "files" field, as a browser's form sends it. */
export function multipart(files: { name: string; content: Uint8Array | string }[]): {
  payload: Buffer;
  headers: Record<string, string>;
} {
  const boundary = `----beffroi${randomBytes(8).toString("hex")}`;
  const parts = files.map((file) =>
    Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      Buffer.from(file.content),
      Buffer.from("\r\n"),
    ]),
  );
  return {
    payload: Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]),
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
  };
}
