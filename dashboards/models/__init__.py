from dashboards.models.bulletins import Bulletin, BulletinNumber  # noqa: F401
