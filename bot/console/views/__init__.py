"""Route handlers of the console, one module per area; the route table is bot.console.routes."""
