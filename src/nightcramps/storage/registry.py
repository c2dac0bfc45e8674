"""Import every feature's models so that ``Base.metadata`` knows all tables (Alembic needs it)."""

from __future__ import annotations

from nightcramps.accounts import models as accounts_models
from nightcramps.dailyvalues import models as dailyvalues_models
from nightcramps.daylog import models as daylog_models
from nightcramps.diary import models as diary_models
from nightcramps.experiments import models as experiments_models
from nightcramps.guidance import models as guidance_models
from nightcramps.nutrition import models as nutrition_models
from nightcramps.sharing import models as sharing_models
from nightcramps.storage.base import Base

__all__ = [
    "Base",
    "accounts_models",
    "dailyvalues_models",
    "daylog_models",
    "experiments_models",
    "diary_models",
    "guidance_models",
    "nutrition_models",
    "sharing_models",
]
