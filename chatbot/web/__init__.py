"""Web adapter: FastAPI app (page, widget, JSON API) over the chatbot core."""
