/**
 * A response body from text chunks, pulled one at a time: the next chunk is produced only when
 * the client has taken the last (back-pressure), so a slow download never piles up in memory.
 * If the client goes away, the source is closed (its `finally` blocks run).
 */
export function textStream(chunks: AsyncIterable<string>): ReadableStream<Uint8Array> {
	const iterator = chunks[Symbol.asyncIterator]();
	const encoder = new TextEncoder();
	return new ReadableStream<Uint8Array>(
		{
			async pull(controller) {
				const { value, done } = await iterator.next();
				if (done) controller.close();
				else controller.enqueue(encoder.encode(value));
			},
			async cancel() {
				await iterator.return?.();
			}
		},
		{ highWaterMark: 1 }
	);
}
