"""The care-type plugins bundled with caresq, one package per care type.

They register through the ``caresq.plugins`` entry-point group exactly as a third-party plugin
would, and use nothing of caresq but its public protocol.
"""
