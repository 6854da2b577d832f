"""Quiz items, quiz sessions and scoring (UI-agnostic: no Textual or Rich here)."""
