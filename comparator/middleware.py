from whitenoise.middleware import WhiteNoiseMiddleware

ONE_YEAR = 365 * 24 * 60 * 60


class StaticFilesMiddleware(WhiteNoiseMiddleware):
    """WhiteNoise, with hashed (never changing) files kept by browsers for one year.

    WhiteNoise's own "forever" is ten years; a year is the long-standing convention (RFC 2616
    advised servers to promise no more), and a file unused for a year is fetched again at no harm.
    """

    FOREVER = ONE_YEAR


class CrossOriginResourcePolicyMiddleware:
    """Only our own pages may embed what we serve (Django sets COOP, not CORP)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response
