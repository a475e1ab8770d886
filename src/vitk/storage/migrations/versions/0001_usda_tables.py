"""USDA SR28 release tables.

Revision ID: 0001_usda_tables
Revises:
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_usda_tables"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "usda_release",
        sa.Column("release_id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("source_dir", sa.Text(), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("n_foods", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), server_default="", nullable=False),
        sa.PrimaryKeyConstraint("release_id", name="pk_usda_release"),
    )
    op.create_table(
        "usda_food",
        sa.Column("ndb_no", sa.String(5), nullable=False),
        sa.Column("release_id", sa.Integer(), nullable=False),
        sa.Column("food_group_code", sa.String(4), nullable=False),
        sa.Column("food_group", sa.Text(), nullable=False),
        sa.Column("long_desc", sa.Text(), nullable=False),
        sa.Column("short_desc", sa.Text(), nullable=False),
        sa.Column("common_name", sa.Text()),
        sa.Column("manufacturer", sa.Text()),
        sa.Column("scientific_name", sa.Text()),
        sa.ForeignKeyConstraint(
            ["release_id"],
            ["usda_release.release_id"],
            name="fk_usda_food_release_id_usda_release",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("ndb_no", name="pk_usda_food"),
    )
    op.create_index("ix_usda_food_release_id", "usda_food", ["release_id"])
    op.create_table(
        "usda_nutrient_value",
        sa.Column("ndb_no", sa.String(5), nullable=False),
        sa.Column("nutr_no", sa.String(3), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("n_data_points", sa.Integer()),
        sa.Column("std_error", sa.Float()),
        sa.Column("src_cd", sa.String(2)),
        sa.Column("deriv_cd", sa.String(4)),
        sa.Column("min_value", sa.Float()),
        sa.Column("max_value", sa.Float()),
        sa.ForeignKeyConstraint(
            ["ndb_no"],
            ["usda_food.ndb_no"],
            name="fk_usda_nutrient_value_ndb_no_usda_food",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("ndb_no", "nutr_no", name="pk_usda_nutrient_value"),
    )
    op.create_table(
        "usda_portion",
        sa.Column("ndb_no", sa.String(5), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("amount", sa.Float(), nullable=False),
        sa.Column("measure", sa.Text(), nullable=False),
        sa.Column("grams", sa.Float(), nullable=False),
        sa.Column("n_data_points", sa.Integer()),
        sa.ForeignKeyConstraint(
            ["ndb_no"],
            ["usda_food.ndb_no"],
            name="fk_usda_portion_ndb_no_usda_food",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("ndb_no", "seq", name="pk_usda_portion"),
    )


def downgrade() -> None:
    op.drop_table("usda_portion")
    op.drop_table("usda_nutrient_value")
    op.drop_index("ix_usda_food_release_id", table_name="usda_food")
    op.drop_table("usda_food")
    op.drop_table("usda_release")
