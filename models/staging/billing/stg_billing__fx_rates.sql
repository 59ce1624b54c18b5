{{ kept_rows('base_billing__fx_rates') }}
