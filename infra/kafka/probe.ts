// Is a Kafka broker serving at host:port? Sends one real Metadata request (api key 3, v1) and
// checks that the answer lists at least one broker. No dependencies, so broker.sh can run it on a
// machine where `pnpm install` has not run yet.
//   node infra/kafka/probe.ts 127.0.0.1:19092   -> exit 0 and "broker 1 at 127.0.0.1:19092"
import { connect } from 'node:net';

const METADATA = 3;
const VERSION = 1;
const CORRELATION_ID = 1;
const TIMEOUT_MS = 2000;

/**
 * Request (Kafka protocol guide): Size => int32, then
 *   RequestHeader v1 => api_key INT16 api_version INT16 correlation_id INT32 client_id NULLABLE_STRING
 *   MetadataRequest v1 => [topics] (an empty array asks for no topics, only the brokers)
 */
function metadataRequest(): Buffer {
  const clientId = Buffer.from('stixmill-probe');
  const body = Buffer.alloc(2 + 2 + 4 + 2 + clientId.length + 4);
  let at = body.writeInt16BE(METADATA, 0);
  at = body.writeInt16BE(VERSION, at);
  at = body.writeInt32BE(CORRELATION_ID, at);
  at = body.writeInt16BE(clientId.length, at);
  at += clientId.copy(body, at);
  body.writeInt32BE(0, at);
  const size = Buffer.alloc(4);
  size.writeInt32BE(body.length);
  return Buffer.concat([size, body]);
}

/**
 * MetadataResponse v1 => correlation_id INT32 [brokers] controller_id INT32 [topics]
 *   brokers => node_id INT32 host STRING port INT32 rack NULLABLE_STRING
 */
function brokersIn(response: Buffer): string[] {
  let at = 0;
  if (response.readInt32BE(at) !== CORRELATION_ID) throw new Error('unexpected correlation id');
  at += 4;
  const count = response.readInt32BE(at);
  at += 4;
  const brokers: string[] = [];
  for (let i = 0; i < count; i++) {
    const nodeId = response.readInt32BE(at);
    const hostLength = response.readInt16BE(at + 4);
    const host = response.toString('utf8', at + 6, at + 6 + hostLength);
    at += 6 + hostLength;
    const port = response.readInt32BE(at);
    const rackLength = response.readInt16BE(at + 4);
    at += 6 + Math.max(rackLength, 0);
    brokers.push(`broker ${nodeId} at ${host}:${port}`);
  }
  return brokers;
}

function probe(host: string, port: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    const chunks: Buffer[] = [];
    socket.setTimeout(TIMEOUT_MS, () => socket.destroy(new Error(`no answer within ${TIMEOUT_MS} ms`)));
    socket.on('connect', () => socket.write(metadataRequest()));
    socket.on('data', (chunk) => {
      chunks.push(chunk);
      const received = Buffer.concat(chunks);
      if (received.length < 4 || received.length < 4 + received.readInt32BE(0)) return;
      socket.end();
      try {
        resolve(brokersIn(received.subarray(4)));
      } catch (error) {
        reject(error);
      }
    });
    socket.on('error', reject);
    socket.on('close', () => reject(new Error('connection closed before a full answer')));
  });
}

const [host = '127.0.0.1', port = '19092'] = (process.argv[2] ?? '').split(':').filter(Boolean);
try {
  const brokers = await probe(host, Number(port));
  if (brokers.length === 0) throw new Error('metadata lists no broker yet');
  console.log(brokers.join('\n'));
} catch (error) {
  console.error(`no Kafka broker at ${host}:${port}: ${(error as Error).message}`);
  process.exitCode = 1;
}
