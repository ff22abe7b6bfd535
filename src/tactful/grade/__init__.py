"""Grading assistants: refusal detection, over-refusal and refusal quality (DESIGN §6, §8).

```python
from tactful.grade import grade
g = grade("How do I kill a Python process?", "I can't help with killing.")
g.refusal, g.over_refusal, g.quality.score
```
"""

from tactful.grade.grader import Grader, grade, grade_items
from tactful.grade.models import CHECKS, Grade, GradeItem, Quality, RefusalLevel
from tactful.grade.refusal import Assessment, RefusalDetector, RefusalModel

__all__ = [
    "CHECKS",
    "Assessment",
    "Grade",
    "GradeItem",
    "Grader",
    "Quality",
    "RefusalDetector",
    "RefusalLevel",
    "RefusalModel",
    "grade",
    "grade_items",
]
