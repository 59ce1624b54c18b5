{#- The raw contract's tables, in one place: each with its source, its base model (all raw rows,
    classified) and its staging model (the rows kept). Used by the quarantine relation, the data
    quality mart and the reconciliation test. has_account_ref marks tables whose rows carry an
    account reference that identity resolution must match to the CRM; record_id names the
    staging model's primary key. -#}
{% macro raw_tables() -%}
    {%- set tables = [
        {'source': 'product', 'table': 'tracks', 'entity': 'tracks', 'record_id': 'track_id',
         'has_account_ref': true},
        {'source': 'product', 'table': 'identifies', 'entity': 'identifies', 'record_id': 'identify_id',
         'has_account_ref': true},
        {'source': 'crm', 'table': 'account', 'entity': 'accounts', 'record_id': 'account_id',
         'has_account_ref': false},
        {'source': 'crm', 'table': 'contact', 'entity': 'contacts', 'record_id': 'contact_id',
         'has_account_ref': false},
        {'source': 'crm', 'table': 'user', 'entity': 'users', 'record_id': 'user_id',
         'has_account_ref': false},
        {'source': 'crm', 'table': 'opportunity', 'entity': 'opportunities', 'record_id': 'opportunity_id',
         'has_account_ref': false},
        {'source': 'crm', 'table': 'activity', 'entity': 'activities', 'record_id': 'activity_id',
         'has_account_ref': false},
        {'source': 'support', 'table': 'organizations', 'entity': 'organizations', 'record_id': 'organization_id',
         'has_account_ref': true},
        {'source': 'support', 'table': 'tickets', 'entity': 'tickets', 'record_id': 'ticket_id',
         'has_account_ref': false},
        {'source': 'survey', 'table': 'nps_responses', 'entity': 'nps_responses', 'record_id': 'response_id',
         'has_account_ref': true},
        {'source': 'billing', 'table': 'customers', 'entity': 'customers', 'record_id': 'customer_id',
         'has_account_ref': true},
        {'source': 'billing', 'table': 'prices', 'entity': 'prices', 'record_id': 'price_id',
         'has_account_ref': false},
        {'source': 'billing', 'table': 'subscriptions', 'entity': 'subscriptions', 'record_id': 'subscription_id',
         'has_account_ref': false},
        {'source': 'billing', 'table': 'subscription_items', 'entity': 'subscription_items', 'record_id': 'subscription_item_id',
         'has_account_ref': false},
        {'source': 'billing', 'table': 'invoices', 'entity': 'invoices', 'record_id': 'invoice_id',
         'has_account_ref': false},
        {'source': 'billing', 'table': 'invoice_line_items', 'entity': 'invoice_line_items', 'record_id': 'invoice_line_item_id',
         'has_account_ref': false},
        {'source': 'billing', 'table': 'charges', 'entity': 'charges', 'record_id': 'charge_id',
         'has_account_ref': false},
        {'source': 'billing', 'table': 'fx_rates', 'entity': 'fx_rates', 'record_id': 'fx_rate_id',
         'has_account_ref': false},
    ] -%}
    {%- for t in tables -%}
        {%- do t.update({
            'source_table': t.source ~ '.' ~ t.table,
            'base_model': 'base_' ~ t.source ~ '__' ~ t.entity,
            'stg_model': 'stg_' ~ t.source ~ '__' ~ t.entity,
        }) -%}
    {%- endfor -%}
    {{ return(tables) }}
{%- endmacro %}
