from django.http import HttpRequest


def csp_nonce(request: HttpRequest) -> dict:
    """Expose the CSP nonce as `csp_nonce`, the name `{% htmx_script %}` looks for.

    The nonce is lazy: it is only added to the header of responses that render it.
    """
    return {"csp_nonce": getattr(request, "csp_nonce", "")}
