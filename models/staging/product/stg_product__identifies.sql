{{ kept_rows('base_product__identifies') }}
