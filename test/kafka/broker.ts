import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

// Where integration tests find a real Kafka broker, in this order:
//   1. KAFKA_BROKERS (comma-separated host:port), when set: use it, start nothing;
//   2. a Kafka container (testcontainers), when a Docker engine answers;
//   3. the local launcher infra/kafka/broker.sh (the broker from Maven Central jars; needs Java 17
//      and Maven), which is idempotent: a broker it already started is reused.

const LAUNCHER = fileURLToPath(new URL('../../infra/kafka/broker.sh', import.meta.url));
/** Confluent Platform 8.0 = Apache Kafka 4.0, KRaft; the image @testcontainers/kafka is built around. */
const KAFKA_IMAGE = 'confluentinc/cp-kafka:8.0.0';
/** Cold start with a Maven download can take a while on a new machine; a warm start takes seconds. */
const LAUNCH_TIMEOUT_MS = 180_000;

let found: Promise<string[]> | undefined;

/** The bootstrap brokers of a running Kafka; starts one if needed (once per process). */
export function getBrokers(): Promise<string[]> {
  found ??= findBrokers();
  return found;
}

async function findBrokers(): Promise<string[]> {
  const fromEnv = process.env.KAFKA_BROKERS?.trim();
  if (fromEnv) return fromEnv.split(',').map((b) => b.trim());
  if (await dockerAnswers()) return startContainer();
  return startLocalBroker();
}

// Importing testcontainers and probing every strategy is slow and noisy where there is no Docker
// at all: look for a sign of an engine first (the places testcontainers itself looks).
function dockerHinted(): boolean {
  if (process.env.DOCKER_HOST) return true;
  const sockets = ['/var/run/docker.sock', join(homedir(), '.docker/run/docker.sock')];
  if (process.env.XDG_RUNTIME_DIR) sockets.push(join(process.env.XDG_RUNTIME_DIR, 'docker.sock'));
  return sockets.some((s) => existsSync(s)) || existsSync(join(homedir(), '.testcontainers.properties'));
}

async function dockerAnswers(): Promise<boolean> {
  if (!dockerHinted()) return false;
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await getContainerRuntimeClient();
    return true;
  } catch {
    return false;
  }
}

async function startContainer(): Promise<string[]> {
  const { KafkaContainer } = await import('@testcontainers/kafka');
  // Removed by testcontainers' reaper when this process exits.
  const container = await new KafkaContainer(KAFKA_IMAGE).start();
  return [`${container.getHost()}:${container.getMappedPort(9093)}`];
}

async function startLocalBroker(): Promise<string[]> {
  try {
    const { stdout } = await promisify(execFile)('bash', [LAUNCHER, 'start'], { timeout: LAUNCH_TIMEOUT_MS });
    const address = stdout.trim().split('\n').at(-1);
    if (!address) throw new Error('broker.sh printed no address');
    return [address];
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    throw new Error(
      `no Kafka broker: KAFKA_BROKERS is not set, no Docker engine answers, and ${LAUNCHER} start failed ` +
        `(it needs Java 17+ and Maven):\n${stderr || (error as Error).message}`,
    );
  }
}
