"""Provenance of USDA values: SR28 source codes and the food an imputed value came from.

Adds ``usda_nutrient_value.ref_ndb_no`` (SR28 Ref_NDB_No; empty for data imported before
this revision until the release is imported again) and the ``usda_source_code`` table,
seeded with SR28's ten source codes (SRC_CD.txt) and the status vitk gives each.

Revision ID: 0005_usda_value_source
Revises: 0004_ids_never_reused
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_usda_value_source"
down_revision = "0004_ids_never_reused"
branch_labels = None
depends_on = None

# A copy, not an import: a migration must not change when the package does.
_SR28_CODES = [
    ("1", "Analytical or derived from analytical", "measured"),
    ("4", "Calculated or imputed", "imputed"),
    ("5", "Value manufacturer based label claim for added nutrients", "imputed"),
    ("6", "Aggregated data involving combinations of source codes 1 &12", "measured"),
    ("7", "Assumed zero", "assumed_zero"),
    ("8", "Calculated from nutrient label by NDL", "imputed"),
    ("9", "Calculated by manufacturer, not adjusted or rounded for NLEA", "imputed"),
    ("11", "Aggregated data involving comb. of codes other then 1,12 or6", "imputed"),
    ("12", "Manufacturer's analytical; partial documentation", "measured"),
    ("13", "Analytical data from the literature, partial documentation", "measured"),
]


def upgrade() -> None:
    with op.batch_alter_table("usda_nutrient_value") as batch:
        batch.add_column(sa.Column("ref_ndb_no", sa.String(5)))
    table = op.create_table(
        "usda_source_code",
        sa.Column("src_cd", sa.String(2), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.PrimaryKeyConstraint("src_cd", name="pk_usda_source_code"),
    )
    op.bulk_insert(table, [{"src_cd": c, "description": d, "status": s} for c, d, s in _SR28_CODES])


def downgrade() -> None:
    op.drop_table("usda_source_code")
    with op.batch_alter_table("usda_nutrient_value") as batch:
        batch.drop_column("ref_ndb_no")
