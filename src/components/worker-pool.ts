/**
 * The worker in use, and a spare one already loaded: cancelling terminates the first and promotes the
 * spare, so that cancelling does not need the network (a fresh worker would fetch its script). Every
 * validator island (workbooks, cross-check, extracts) holds one.
 */
export interface PoolHandlers<Response> {
  /** A message of the worker in use (not « ready »). */
  message(message: Response): void;
  /** The worker in use failed; `loaded` says whether its script had loaded (if not: offline, most likely). */
  failed(loaded: boolean, message: string): void;
  /** Called for every worker started, the spare included, once it is ready (to hand it its data). */
  started?(worker: Worker): void;
}

export class WorkerPool<Request, Response extends { type: string }> {
  readonly #spawn: () => Worker;
  readonly #handlers: PoolHandlers<Response>;
  readonly #ready = new WeakSet<Worker>();
  #active: Worker | undefined;
  #spare: Worker | undefined;

  constructor(spawn: () => Worker, handlers: PoolHandlers<Response>) {
    this.#spawn = spawn;
    this.#handlers = handlers;
  }

  /** Starts the worker in use (and, once it is ready, its spare) with the page. */
  start(): void {
    this.#activeWorker();
  }

  send(request: Request, transfer: Transferable[] = []): void {
    this.#activeWorker().postMessage(request, transfer);
  }

  /** Drops the worker in use for the spare, and loads a new spare when the network allows. */
  cancel(): void {
    this.#active?.terminate();
    this.#active = this.#spare;
    this.#spare = undefined;
    if (this.#active && this.#ready.has(this.#active)) this.#refill();
  }

  dispose(): void {
    this.#active?.terminate();
    this.#spare?.terminate();
  }

  #activeWorker(): Worker {
    this.#active ??= this.#create();
    return this.#active;
  }

  #refill(): void {
    this.#spare ??= this.#create();
  }

  #create(): Worker {
    const worker = this.#spawn();
    worker.onmessage = (event: MessageEvent<Response>) => {
      const message = event.data;
      if (message.type === 'ready') {
        this.#ready.add(worker);
        this.#handlers.started?.(worker);
        if (worker === this.#active) this.#refill();
      } else if (worker === this.#active) this.#handlers.message(message);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      worker.terminate();
      if (worker === this.#spare) this.#spare = undefined;
      if (worker !== this.#active) return;
      this.#active = undefined;
      this.#handlers.failed(this.#ready.has(worker), event.message);
    };
    return worker;
  }
}
