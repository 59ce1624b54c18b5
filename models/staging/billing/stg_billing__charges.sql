{{ kept_rows('base_billing__charges') }}
