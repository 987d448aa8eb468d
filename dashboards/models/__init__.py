from dashboards.models.bulletins import Bulletin, BulletinNumber  # noqa: F401
from dashboards.models.ranking import (  # noqa: F401
    DEFAULT_WEIGHTS,
    PENALTY_METRICS,
    TOWNSHIP_ONLY_METRICS,
    RankingMetric,
    RankingWeight,
)
