"""One chunk of accounts: simulate every account in it and build every raw table's rows."""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa

from healthsim import billing, crm, rand, support, survey
from healthsim.context import Context
from healthsim.mess import MessCounter
from healthsim.product import ProductRows, simulate_ghost_product, simulate_product
from healthsim.product_tables import identifies_table, tracks_table
from healthsim.rows import ChunkRows
from healthsim.truth import TruthRows, truth_rows
from healthsim.world import CUSTOMER, DELETED, simulate_account


@dataclass
class ChunkResult:
    tables: dict[str, pa.Table]
    counter: MessCounter
    truth: TruthRows


def generate_chunk(ctx: Context, first: int, stop: int) -> ChunkResult:
    rows = ChunkRows()
    counter = MessCounter()
    truth = TruthRows()
    product_parts: list[ProductRows] = []
    for index in range(first, stop):
        world = simulate_account(ctx, index)
        truth_rows(ctx, world, truth)
        crm.account_row(ctx, world, rows, counter)
        if world.kind != DELETED:
            product = simulate_product(ctx, world)
            product_parts.append(product)
            support_rng = rand.account_rng(ctx.seed, index, rand.SUPPORT)
            last_ticket = -1
            if world.kind == CUSTOMER:
                crm_rng = rand.account_rng(ctx.seed, index, rand.CRM + 100)
                contacts = crm.make_contacts(ctx, world, product.people, crm_rng)
                crm.contact_rows(ctx, world, contacts, rows, counter, crm_rng)
                crm.opportunity_rows(ctx, world, rows, counter, crm_rng)
                crm.activity_rows(ctx, world, rows, counter, crm_rng)
                last_ticket = support.ticket_rows(
                    ctx, world, product.people, rows, counter, support_rng
                )
                survey_rng = rand.account_rng(ctx.seed, index, rand.SURVEY)
                survey.nps_rows(ctx, world, contacts, rows, counter, survey_rng)
                billing_email = next(c.email for c in contacts if c.role == "Billing")
                billing.billing_rows(ctx, world, billing_email, rows, counter)
            support.organization_row(ctx, world, last_ticket, rows, counter, support_rng)
        ghost = simulate_ghost_product(ctx, index)
        if ghost is not None:
            product_parts.append(ghost)
        support.ghost_organization_row(ctx, index, rows, counter)
        survey.ghost_nps_rows(ctx, index, rows, counter)
        billing.ghost_customer_row(ctx, index, rows, counter)

    tables = {table: buffer.to_table() for table, buffer in rows.buffers.items()}
    tables["product/tracks"] = tracks_table(ctx, product_parts, counter)
    tables["product/identifies"] = identifies_table(ctx, product_parts, counter)
    return ChunkResult(tables, counter, truth)


def global_tables(ctx: Context) -> dict[str, pa.Table]:
    """Tables not tied to accounts: CRM users, prices, FX rates."""
    rows = ChunkRows()
    crm.user_rows(ctx, rows)
    billing.price_rows(ctx, rows)
    billing.fx_rows(ctx, rows)
    return {t: rows[t].to_table() for t in ("crm/user", "billing/prices", "billing/fx_rates")}
