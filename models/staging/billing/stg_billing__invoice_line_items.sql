{{ kept_rows('base_billing__invoice_line_items') }}
