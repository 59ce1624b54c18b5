{{ kept_rows('base_crm__users') }}
