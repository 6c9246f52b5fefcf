from .urls_results import urlpatterns as results_patterns
from .urls_steps import urlpatterns as steps_patterns

app_name = "evaluations"

urlpatterns = [*steps_patterns, *results_patterns]
