import {
	createServer,
	request,
	type IncomingHttpHeaders,
	type IncomingMessage,
	type ServerResponse
} from 'node:http';
import { connect, type Socket } from 'node:net';

/*
 * A load balancer for journeys, on loopback, with node:http only. Each request goes to the next
 * backend in turn, its body and its answer streamed through.
 * - A backend that refuses the connection is skipped for that request, as a balancer's health
 *   check would take it out; with none left the answer is 502.
 * - A backend that dies mid-request: the client gets 502 (or, once the answer has begun, a cut
 *   connection), as from a real balancer. Nothing is retried.
 * - `mirrorSync`: each `POST /api/sync` is sent to every live backend at the same moment, and the
 *   client gets one of their answers (the first backend's that is not a 5xx), so every server
 *   receives a copy of the same batch.
 * - `hold(path)`: requests for `path` stop once their headers have reached a backend, their
 *   bodies waiting until the test releases them: meanwhile the test may kill that backend.
 * Upstream connections are one per request (`Connection: close`), so a killed backend leaves
 * no kept-alive socket behind to fail the next request.
 */

/** One request as the proxy handled it: which backend, and the status the client got. */
export interface Served {
	method: string;
	path: string;
	backend: number | 'all';
	status: number;
	/** A mirrored request: each backend's answer, in order (null: refused or died). */
	each?: Array<Answer | null>;
}

export interface Answer {
	status: number;
	headers: IncomingHttpHeaders;
	body: Buffer;
}

export interface Held {
	/** Resolves with the port of the backend holding the first request held. */
	arrived: Promise<number>;
	/** Lets the held requests' bodies through (a dead backend's requests have had their 502). */
	release(): void;
}

const hopByHop = ['connection', 'keep-alive', 'proxy-connection', 'upgrade', 'te', 'trailer'];

function forwarded(headers: IncomingHttpHeaders): IncomingHttpHeaders {
	const copy = { ...headers };
	for (const name of hopByHop) delete copy[name];
	return copy;
}

/** A connected socket to the backend, or null when it refuses the connection. */
function tryConnect(port: number): Promise<Socket | null> {
	return new Promise((resolve) => {
		const socket = connect(port, '127.0.0.1');
		socket.once('connect', () => resolve(socket));
		socket.once('error', () => resolve(null));
	});
}

export class RoundRobinProxy {
	readonly origin: string;
	/** Every request answered, in order. */
	readonly served: Served[] = [];
	mirrorSync = false;
	#next = 0;
	#holds: Array<{ path: string; arrived: (port: number) => void; released: Promise<void> }> = [];
	#server = createServer((req, res) => void this.#handle(req, res));

	constructor(
		readonly port: number,
		readonly backends: readonly number[]
	) {
		this.origin = `http://127.0.0.1:${port}`;
	}

	listen(): Promise<void> {
		return new Promise((resolve, reject) => {
			this.#server.once('error', reject);
			this.#server.listen(this.port, '127.0.0.1', () => resolve());
		});
	}

	close(): Promise<void> {
		this.#server.closeAllConnections();
		return new Promise((resolve) => this.#server.close(() => resolve()));
	}

	hold(path: string): Held {
		let arrived!: (port: number) => void;
		let release!: () => void;
		const arrival = new Promise<number>((resolve) => (arrived = resolve));
		const released = new Promise<void>((resolve) => (release = resolve));
		let first = true;
		this.#holds.push({
			path,
			arrived: (port) => {
				if (first) arrived(port);
				first = false;
			},
			released
		});
		return {
			arrived: arrival,
			release: () => {
				this.#holds = this.#holds.filter((h) => h.released !== released);
				release();
			}
		};
	}

	/** The next backend in turn that accepts a connection, trying each once. */
	async #connectNext(): Promise<{ port: number; socket: Socket } | null> {
		for (let tries = 0; tries < this.backends.length; tries++) {
			const port = this.backends[this.#next++ % this.backends.length] as number;
			const socket = await tryConnect(port);
			if (socket) return { port, socket };
		}
		return null;
	}

	#log(req: IncomingMessage, served: Pick<Served, 'backend' | 'status' | 'each'>) {
		this.served.push({ method: req.method ?? '', path: req.url ?? '', ...served });
	}

	/** Once per request: later errors of the same request find it answered or cut already. */
	#badGateway(req: IncomingMessage, res: ServerResponse, backend: number | 'all') {
		if (res.writableEnded || res.destroyed) return;
		this.#log(req, { backend, status: 502 });
		if (res.headersSent) res.destroy();
		else res.writeHead(502, { 'content-type': 'text/plain' }).end('Bad gateway');
	}

	async #handle(req: IncomingMessage, res: ServerResponse) {
		if (this.mirrorSync && req.method === 'POST' && req.url === '/api/sync')
			return this.#mirror(req, res);
		const target = await this.#connectNext();
		if (!target) return this.#badGateway(req, res, 'all');
		const { port, socket } = target;
		const upstream = request({
			createConnection: () => socket,
			method: req.method,
			path: req.url,
			headers: forwarded(req.headers)
		});
		upstream.on('error', () => this.#badGateway(req, res, port));
		upstream.once('response', (answer) => {
			this.#log(req, { backend: port, status: answer.statusCode ?? 502 });
			res.writeHead(answer.statusCode ?? 502, forwarded(answer.headers));
			answer.on('error', () => res.destroy());
			answer.pipe(res);
		});
		res.once('close', () => {
			if (!res.writableFinished) upstream.destroy();
		});
		const hold = this.#holds.find((h) => h.path === new URL(req.url ?? '/', this.origin).pathname);
		if (hold) {
			upstream.flushHeaders();
			hold.arrived(port);
			await hold.released;
		}
		if (upstream.destroyed) req.resume();
		else req.pipe(upstream);
	}

	/** The whole body, to every live backend at once; one answer back. */
	async #mirror(req: IncomingMessage, res: ServerResponse) {
		const body = Buffer.concat(await req.toArray());
		const headers = forwarded(req.headers);
		delete headers['transfer-encoding'];
		headers['content-length'] = String(body.length);
		const answers = await Promise.all(
			this.backends.map(async (port) => {
				const socket = await tryConnect(port);
				if (!socket) return null;
				return new Promise<Answer | null>((resolve) => {
					const upstream = request({
						createConnection: () => socket,
						method: 'POST',
						path: req.url,
						headers
					});
					upstream.on('error', () => resolve(null));
					upstream.once('response', (answer) => {
						answer.toArray().then(
							(chunks) =>
								resolve({
									status: answer.statusCode ?? 502,
									headers: answer.headers,
									body: Buffer.concat(chunks)
								}),
							() => resolve(null)
						);
					});
					upstream.end(body);
				});
			})
		);
		const answer = answers.find((a) => a && a.status < 500) ?? answers.find((a) => a);
		if (!answer) return this.#badGateway(req, res, 'all');
		this.#log(req, {
			backend: 'all',
			status: answer.status,
			each: answers
		});
		const out = forwarded(answer.headers);
		delete out['transfer-encoding'];
		out['content-length'] = String(answer.body.length);
		res.writeHead(answer.status, out).end(answer.body);
	}
}
