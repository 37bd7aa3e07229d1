/** Reads a watcher until `done` holds for a value, and returns that value; fails if the watch ends first. */
export async function until<T>(iterator: AsyncIterableIterator<T>, done: (value: T) => boolean): Promise<T> {
  for await (const value of iterator) if (done(value)) return value;
  throw new Error('the watch ended before the condition held');
}
