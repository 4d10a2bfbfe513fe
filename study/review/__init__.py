"""Spaced-repetition review of flashcards (FSRS): what is due, rating, the progress page."""
