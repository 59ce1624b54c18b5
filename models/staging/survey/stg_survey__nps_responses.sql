{{ kept_rows('base_survey__nps_responses') }}
