"""Loading and validating the course content under ``content/`` (no UI imports)."""

from tutor.content.loader import ContentError, content_root, load_course
from tutor.content.models import Course, Part, Question, Step

__all__ = ["ContentError", "Course", "Part", "Question", "Step", "content_root", "load_course"]
