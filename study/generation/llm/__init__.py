"""The `openai` generator: any OpenAI-compatible chat endpoint, validated by the same gate."""
