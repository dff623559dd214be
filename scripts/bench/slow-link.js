// A slow network between a browser and a server on this machine, for the benches: a TCP proxy
// that holds every chunk for half the round trip in each direction and lets bytes through no
// faster than the link's speed, one link shared by all connections (as a ward's Wi-Fi is).
// Connection set-up is not slowed: the browser keeps its connections open, so after the first
// few each request costs a round trip plus its bytes, which is what the figures are about.
import { createServer, connect } from 'node:net';

/**
 * Listens on `port` and forwards to `target` (a port on 127.0.0.1). `rttMs` the round trip;
 * `downKbps` and `upKbps` the link's speed each way. `bytesDown()` counts what reached the browser.
 */
export async function startSlowLink({ port, target, rttMs, downKbps, upKbps }) {
	const oneWay = rttMs / 2;
	const link = {
		down: { freeAt: 0, kbps: downKbps, bytes: 0 },
		up: { freeAt: 0, kbps: upKbps, bytes: 0 }
	};

	/** Sends `from`'s bytes on to `to` as the link would: queued, paced, then delayed. */
	function carry(from, to, way) {
		let lastAt = 0;
		const at = (bytes) => {
			const start = Math.max(Date.now(), way.freeAt);
			way.freeAt = start + (bytes * 8) / way.kbps;
			lastAt = Math.max(lastAt, way.freeAt + oneWay);
			return lastAt;
		};
		from.on('data', (chunk) => {
			way.bytes += chunk.length;
			setTimeout(() => to.destroyed || to.write(chunk), at(chunk.length) - Date.now());
		});
		from.on('end', () =>
			setTimeout(() => to.end(), Math.max(lastAt, Date.now() + oneWay) - Date.now())
		);
	}

	const server = createServer((browser) => {
		const app = connect(target, '127.0.0.1');
		carry(browser, app, link.up);
		carry(app, browser, link.down);
		const close = () => {
			browser.destroy();
			app.destroy();
		};
		browser.on('error', close);
		app.on('error', close);
	});
	await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
	return {
		origin: `http://127.0.0.1:${port}`,
		bytesDown: () => link.down.bytes,
		stop: () => new Promise((resolve) => server.close(resolve))
	};
}
