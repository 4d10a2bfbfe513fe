/**
 * Base class for controllers that upgrade server-rendered elements with behaviour.
 *
 * - Child elements with `data-ref="name"` are exposed as `this.refs.name`.
 * - `setState(patch)` merges into `this.state` and calls `update()`.
 * One controller per behaviour, bound by `data-controller="name"` (see app.js).
 */
export class Controller {
  constructor(element, options = {}) {
    this.element = element;
    this.options = options;
    this.state = {};
    this.refs = {};
    for (const ref of element.querySelectorAll("[data-ref]")) {
      this.refs[ref.dataset.ref] = ref;
    }
  }

  setState(patch) {
    this.state = { ...this.state, ...patch };
    this.update();
  }

  update() {}
}
