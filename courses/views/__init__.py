"""Views of the learning domain. They parse the request, call a service or selector, render."""
