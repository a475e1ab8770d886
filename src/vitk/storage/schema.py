"""SQLAlchemy Core tables of the local database (names portable to PostgreSQL).

The USDA tables hold one imported SR28 / SR Legacy release at a time; importing again
replaces it in one transaction. Changes to these tables go through a new numbered
migration in ``vitk/storage/migrations/versions``.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

__all__ = [
    "metadata",
    "usda_food",
    "usda_nutrient_value",
    "usda_portion",
    "usda_release",
    "usda_source_code",
]

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

usda_release = Table(
    "usda_release",
    metadata,
    Column("release_id", Integer, primary_key=True, autoincrement=True),
    Column("source_dir", Text, nullable=False),
    Column("imported_at", DateTime(timezone=True), nullable=False),
    Column("n_foods", Integer, nullable=False),
    Column("note", Text, nullable=False, server_default=""),
)

usda_food = Table(
    "usda_food",
    metadata,
    Column("ndb_no", String(5), primary_key=True),
    Column(
        "release_id",
        Integer,
        ForeignKey("usda_release.release_id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("food_group_code", String(4), nullable=False),
    Column("food_group", Text, nullable=False),
    Column("long_desc", Text, nullable=False),
    Column("short_desc", Text, nullable=False),
    Column("common_name", Text),
    Column("manufacturer", Text),
    Column("scientific_name", Text),
)

usda_nutrient_value = Table(
    "usda_nutrient_value",
    metadata,
    Column(
        "ndb_no",
        String(5),
        ForeignKey("usda_food.ndb_no", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("nutr_no", String(3), primary_key=True),
    Column("value", Float, nullable=False),
    Column("n_data_points", Integer),
    Column("std_error", Float),
    Column("src_cd", String(2)),  # SR28 source code: see usda_source_code
    Column("deriv_cd", String(4)),
    Column("min_value", Float),
    Column("max_value", Float),
    # Food a calculated/imputed value was taken from (SR28 Ref_NDB_No); migration 0005.
    Column("ref_ndb_no", String(5)),
)

#: SR28 source codes (SRC_CD.txt): what type of data each value is, and the status vitk
#: gives it (measured, imputed or assumed_zero; see vitk.usda.sr28.SOURCE_CODES).
#: Added by migration 0005, which seeds SR28's ten codes; each import rewrites them.
usda_source_code = Table(
    "usda_source_code",
    metadata,
    Column("src_cd", String(2), primary_key=True),
    Column("description", Text, nullable=False),
    Column("status", String(16), nullable=False),
)

usda_portion = Table(
    "usda_portion",
    metadata,
    Column(
        "ndb_no",
        String(5),
        ForeignKey("usda_food.ndb_no", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("seq", Integer, primary_key=True),
    Column("amount", Float, nullable=False),
    Column("measure", Text, nullable=False),
    Column("grams", Float, nullable=False),
    Column("n_data_points", Integer),
)
