/**
 * Entry point: upgrade every `[data-controller]` element with its controller.
 * Controllers are small and independent; each file holds one behaviour.
 */
import { ReadingProgressController } from "./controllers/reading-progress-controller.js";
import { ReviewController } from "./controllers/review-controller.js";
import { StudySetController } from "./controllers/study-set-controller.js";
import { TocController } from "./controllers/toc-controller.js";
import { VisitorPromptController } from "./controllers/visitor-prompt-controller.js";

const controllers = {
  "reading-progress": ReadingProgressController,
  review: ReviewController,
  "study-set": StudySetController,
  toc: TocController,
  "visitor-prompt": VisitorPromptController,
};

export function upgradeElements(root, registry) {
  for (const element of root.querySelectorAll("[data-controller]")) {
    for (const name of element.dataset.controller.split(/\s+/)) {
      const Controller = registry[name];
      if (Controller && !element[`__${name}`]) {
        element[`__${name}`] = new Controller(element);
      }
    }
  }
}

upgradeElements(document, controllers);
