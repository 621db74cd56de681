/**
 * Whether this process should be sent traffic: what a load balancer's readiness check asks.
 */

/** `starting`: no index in service yet; `ready`: serving; `draining`: shutting down. */
export type ReadinessState = 'starting' | 'ready' | 'draining';

/** The process's readiness, shared by the probes and the code that starts and stops serving. */
export class Readiness {
  #state: ReadinessState;

  constructor(initial: ReadinessState = 'ready') {
    this.#state = initial;
  }

  /** The current state. */
  get state(): ReadinessState {
    return this.#state;
  }

  /** An index is in service (ignored once draining: a process never becomes ready again). */
  ready(): void {
    if (this.#state === 'starting') this.#state = 'ready';
  }

  /** Shutting down: readiness fails from now on, so balancers stop sending new requests. */
  drain(): void {
    this.#state = 'draining';
  }
}
