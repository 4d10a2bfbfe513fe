/**
 * Entry point: upgrade every `[data-controller]` element with its controller.
 * Controllers are small and independent; each file holds one behaviour.
 */
import { FlashcardsButtonsController } from "./controllers/flashcards-buttons.js";
import { FlashcardsPanelController } from "./controllers/flashcards-panel.js";
import { AnnotationListController } from "./controllers/annotation-list-controller.js";
import { AutoQuoteController } from "./controllers/auto-quote-controller.js";
import { HighlightsController } from "./controllers/highlights-controller.js";
import { MarkActionsController } from "./controllers/mark-actions-controller.js";
import { NoteEditorController } from "./controllers/note-editor-controller.js";
import { NotesPanelController } from "./controllers/notes-panel-controller.js";
import { OrphansController } from "./controllers/orphans-controller.js";
import { SelectionToolbarController } from "./controllers/selection-toolbar-controller.js";
import { ToastController } from "./controllers/toast-controller.js";
import { UndoDeleteController } from "./controllers/undo-delete-controller.js";
import { ReadingProgressController } from "./controllers/reading-progress-controller.js";
import { ReviewController } from "./controllers/review-controller.js";
import { StudySetController } from "./controllers/study-set-controller.js";
import { TocController } from "./controllers/toc-controller.js";
import { VisitorPromptController } from "./controllers/visitor-prompt-controller.js";

const controllers = {
  "annotation-list": AnnotationListController,
  "auto-quote": AutoQuoteController,
  highlights: HighlightsController,
  "mark-actions": MarkActionsController,
  "note-editor": NoteEditorController,
  "notes-panel": NotesPanelController,
  orphans: OrphansController,
  "selection-toolbar": SelectionToolbarController,
  toast: ToastController,
  "undo-delete": UndoDeleteController,
  "flashcards-buttons": FlashcardsButtonsController,
  "flashcards-panel": FlashcardsPanelController,
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

// The sticky header wraps to two lines on phones: panels placed under it read its real height.
const header = document.querySelector(".site-header");
if (header && typeof ResizeObserver !== "undefined") {
  new ResizeObserver(() => {
    document.documentElement.style.setProperty("--header-h", `${header.offsetHeight}px`);
  }).observe(header);
}
