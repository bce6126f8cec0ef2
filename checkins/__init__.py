"""Self-efficacy check-ins: a short questionnaire for members who opt in."""
