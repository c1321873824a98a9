import { ResourceStore } from './resource-store.js';

let nextServerId = 1;

/**
 * An in-process stand-in for TensorFlow's `tf.train.Server`: sessions created with
 * `target: server` share its variable store, as TensorFlow sessions on one server share its
 * resource containers. (Sessions without a target each keep their own values.)
 */
export class Server {
  /** A name for the server, shaped like TensorFlow's targets. */
  readonly target = `inproc://varscope/${nextServerId++}`;
  /** @internal The variable values its sessions share. */
  readonly resources = new ResourceStore();
  #closed = false;

  get closed(): boolean {
    return this.#closed;
  }

  /** Releases every variable value the server holds. Sessions on it can no longer run. */
  close(): void {
    this.resources.reset();
    this.#closed = true;
  }

  toString(): string {
    return `<Server ${this.target}>`;
  }
}
