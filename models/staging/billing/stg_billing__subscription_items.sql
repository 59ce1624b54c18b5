{{ kept_rows('base_billing__subscription_items') }}
