// A minimal RESP2 client over a socket, enough to relay Upstash REST commands to a real
// redis-server in tests (no Redis client package needed).
import { connect, type Socket } from "node:net";

export type RespValue = string | number | null | RespValue[] | RespError;

export class RespError extends Error {}

type Pending = { resolve: (value: RespValue) => void; reject: (error: Error) => void };

function encode(args: (string | number)[]): Buffer {
  const parts = [`*${args.length}\r\n`];
  for (const arg of args) {
    const value = String(arg);
    parts.push(`$${Buffer.byteLength(value)}\r\n${value}\r\n`);
  }
  return Buffer.from(parts.join(""));
}

/** Parses one value at offset; returns null when the buffer does not hold a whole value yet. */
function parse(buffer: Buffer, offset: number): { value: RespValue; next: number } | null {
  const lineEnd = buffer.indexOf("\r\n", offset);
  if (lineEnd === -1) return null;
  const type = String.fromCharCode(buffer[offset]!);
  const line = buffer.toString("utf8", offset + 1, lineEnd);
  const after = lineEnd + 2;
  switch (type) {
    case "+":
      return { value: line, next: after };
    case "-":
      return { value: new RespError(line), next: after };
    case ":":
      return { value: Number(line), next: after };
    case "$": {
      const length = Number(line);
      if (length === -1) return { value: null, next: after };
      if (buffer.length < after + length + 2) return null;
      return { value: buffer.toString("utf8", after, after + length), next: after + length + 2 };
    }
    case "*": {
      const count = Number(line);
      if (count === -1) return { value: null, next: after };
      const items: RespValue[] = [];
      let cursor = after;
      for (let i = 0; i < count; i++) {
        const item = parse(buffer, cursor);
        if (!item) return null;
        items.push(item.value);
        cursor = item.next;
      }
      return { value: items, next: cursor };
    }
    default:
      throw new Error(`Unexpected RESP type ${type}`);
  }
}

export class RespClient {
  private buffer = Buffer.alloc(0);
  private pending: Pending[] = [];

  private constructor(private readonly socket: Socket) {
    socket.on("data", (chunk) => this.onData(chunk));
    socket.on("error", (error) => this.pending.splice(0).forEach((p) => p.reject(error)));
  }

  static connect(path: string): Promise<RespClient> {
    return new Promise((resolve, reject) => {
      const socket = connect(path, () => resolve(new RespClient(socket)));
      socket.once("error", reject);
    });
  }

  send(args: (string | number)[]): Promise<RespValue> {
    return new Promise((resolve, reject) => {
      this.pending.push({ resolve, reject });
      this.socket.write(encode(args));
    });
  }

  close(): void {
    this.socket.end();
  }

  private onData(chunk: Buffer) {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    let offset = 0;
    for (;;) {
      const parsed = parse(this.buffer, offset);
      if (!parsed) break;
      offset = parsed.next;
      this.pending.shift()?.resolve(parsed.value);
    }
    this.buffer = this.buffer.subarray(offset);
  }
}
