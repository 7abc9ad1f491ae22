"""Redline's model recipe: data, tokenizer, training, export, evaluation."""
