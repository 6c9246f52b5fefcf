from django.urls import path

from . import views

app_name = "documents"
urlpatterns = [
    path("", views.RegisterView.as_view(), name="register"),
    path("r/<str:pk>/pdf/", views.RegisteredPdfView.as_view(), name="registered_pdf"),
    path("r/<str:pk>/docx/", views.RegisteredDocxView.as_view(), name="registered_docx"),
    path("r/<str:pk>/cancel/", views.RegisteredCancelView.as_view(), name="cancel"),
    path("<slug:key>/<str:pk>/", views.DocumentPreviewView.as_view(), name="show"),
    path("<slug:key>/<str:pk>/pdf/", views.DocumentPdfView.as_view(), name="pdf"),
    path("<slug:key>/<str:pk>/docx/", views.DocumentDocxView.as_view(), name="docx"),
    path("<slug:key>/<str:pk>/issue/", views.DocumentIssueView.as_view(), name="issue"),
]
