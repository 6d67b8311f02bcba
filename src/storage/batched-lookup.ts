/**
 * Lookups by key asked for in the same turn of the event loop, answered by one statement: under load, requests
 * that arrive together authenticate with one round trip to PostgreSQL instead of one each (each round trip costs
 * a write to the server's socket, a wake-up of its process and a statement to run, more than the lookup itself).
 */
export function batchedLookup<R>(
  run: (keys: string[]) => Promise<Map<string, R>>,
  maxKeys = 200,
): (key: string) => Promise<R | undefined> {
  type Caller = { resolve: (r: R | undefined) => void; reject: (e: unknown) => void };
  let waiting: Map<string, Caller[]> | null = null;

  const send = (batch: Map<string, Caller[]>) => {
    if (waiting === batch) waiting = null;
    run([...batch.keys()]).then(
      (found) => {
        for (const [key, callers] of batch) for (const c of callers) c.resolve(found.get(key));
      },
      (e: unknown) => {
        for (const callers of batch.values()) for (const c of callers) c.reject(e);
      },
    );
  };

  return (key) =>
    new Promise((resolve, reject) => {
      let batch = waiting;
      if (!batch) {
        const opened = new Map<string, Caller[]>();
        batch = waiting = opened;
        setImmediate(() => {
          if (waiting === opened) send(opened);
        });
      }
      const callers = batch.get(key);
      if (callers) callers.push({ resolve, reject });
      else batch.set(key, [{ resolve, reject }]);
      // A full batch goes now; the next lookup opens another.
      if (batch.size >= maxKeys) send(batch);
    });
}
