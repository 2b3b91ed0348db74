import type { WorkerRequest, WorkerResponse } from './protocol.ts';

type Message = Exclude<WorkerResponse, { type: 'ready' }>;

/**
 * The Worker in use, and a spare one already loaded: cancelling terminates the first and promotes the
 * spare, so that cancelling does not need the network (a fresh worker would fetch its script). The
 * first worker starts with the page, so that checking still works if the network drops afterwards.
 */
export class WorkerPool {
  #active: Worker | undefined;
  #spare: Worker | undefined;
  readonly #ready = new WeakSet<Worker>();
  readonly #spawnWorker: () => Worker;
  readonly #onMessage: (message: Message) => void;
  readonly #onFailure: (loaded: boolean, message: string) => void;

  /** `onFailure`: the active worker failed; `loaded` says whether its script had loaded (if not, the network is likely cut). */
  constructor(spawnWorker: () => Worker, onMessage: (message: Message) => void, onFailure: (loaded: boolean, message: string) => void) {
    this.#spawnWorker = spawnWorker;
    this.#onMessage = onMessage;
    this.#onFailure = onFailure;
    this.#activeWorker();
  }

  #spawn(): Worker {
    const created = this.#spawnWorker();
    created.onmessage = (event: MessageEvent<WorkerResponse>) => {
      const message = event.data;
      if (message.type === 'ready') {
        this.#ready.add(created);
        if (created === this.#active) this.#spare ??= this.#spawn();
      } else if (created === this.#active) this.#onMessage(message);
    };
    created.onerror = (event) => {
      event.preventDefault();
      created.terminate();
      if (created === this.#spare) this.#spare = undefined;
      if (created !== this.#active) return;
      this.#active = undefined;
      this.#onFailure(this.#ready.has(created), event.message);
    };
    return created;
  }

  #activeWorker(): Worker {
    this.#active ??= this.#spawn();
    return this.#active;
  }

  send(request: WorkerRequest, transfer: Transferable[] = []): void {
    this.#activeWorker().postMessage(request, transfer);
  }

  /** Drops the worker in use for the spare, and loads a new spare when the network allows. */
  cancel(): void {
    this.#active?.terminate();
    this.#active = this.#spare;
    this.#spare = undefined;
    if (this.#active && this.#ready.has(this.#active)) this.#spare = this.#spawn();
  }

  dispose(): void {
    this.#active?.terminate();
    this.#spare?.terminate();
  }
}
