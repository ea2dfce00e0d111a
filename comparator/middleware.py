class CrossOriginResourcePolicyMiddleware:
    """Only our own pages may embed what we serve (Django sets COOP, not CORP)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response
