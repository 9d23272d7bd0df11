// A minimal named-event emitter (Node and browsers alike): the interface
// between device models and adapters.

/** Named events: on(name, fn) subscribes, emit(name, value) calls them in order. */
export class Emitter {
  #handlers = new Map();

  /**
   * Call `fn(value)` whenever `name` is emitted.
   * @param {string} name
   * @param {(value: any) => void} fn
   */
  on(name, fn) {
    if (!this.#handlers.has(name)) this.#handlers.set(name, []);
    this.#handlers.get(name).push(fn);
  }

  /**
   * Deliver `value` to every handler of `name`, synchronously.
   * @param {string} name
   * @param {any} value
   */
  emit(name, value) {
    for (const fn of this.#handlers.get(name) ?? []) fn(value);
  }
}
